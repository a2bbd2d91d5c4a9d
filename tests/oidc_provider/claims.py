"""What the test provider says about a person: its email, whether verified, how it signed in."""

from tests.oidc_provider.accounts import ACCOUNTS


def userinfo(claims, user):
    """Fill the standard claims from the account table."""
    account = ACCOUNTS[user.username]
    for name in ("email", "email_verified", "given_name", "family_name"):
        if name in account:
            claims[name] = account[name]
    return claims


def add_authentication_methods(id_token, user, **kwargs):
    """Say in the ID token which methods the person used to sign in, where the table says."""
    amr = ACCOUNTS[user.username].get("amr")
    if amr:
        id_token["amr"] = amr
    return id_token

"""The people who can sign in at the test provider, and the training site registered there."""

PASSWORD = "provider-password"
CLIENT_ID = "training-site"
CLIENT_SECRET = "training-site-client-secret"
REDIRECT_URI = "http://testserver/account/organisation/callback/"

# Username at the provider -> the claims the provider asserts about that person.
ACCOUNTS = {
    "hana": {"email": "HCP@Example.org", "email_verified": True, "given_name": "Hana"},
    "tess": {"email": "trainer@example.org", "email_verified": True, "given_name": "Tess"},
    "maya": {
        "email": "manager@example.org",
        "email_verified": True,
        "given_name": "Maya",
        "amr": ["pwd", "mfa"],
    },
    "nadia": {
        "email": "new.starter@example.org",
        "email_verified": True,
        "given_name": "Nadia",
        "family_name": "Newman",
    },
    "harry": {"email": "hcp2@example.org", "email_verified": False, "given_name": "Harry"},
}

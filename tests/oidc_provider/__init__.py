"""A small OpenID provider the single sign-on tests sign in through, run as its own process."""

"""Factories for people, organisations and memberships."""

import factory

from training_site.models import Membership, Organisation, OrganisationKind, Profession, Role, User


class UserFactory(factory.django.DjangoModelFactory):
    """A person who can sign in with the password 'correct-horse-battery'."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    profession = Profession.NURSE
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def save_password(self, create, extracted, **kwargs):
        """Store the hashed password set after creation."""
        if create:
            self.save(update_fields=["password"])


class OrganisationFactory(factory.django.DjangoModelFactory):
    """An organisation placed in the tree below ``parent``, or a new network."""

    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.PRACTICE
    code = ""

    @classmethod
    def _create(cls, model_class, parent=None, **kwargs):
        if parent is None:
            kwargs.setdefault("kind", OrganisationKind.NETWORK)
            return model_class.add_root(**kwargs)
        return Organisation.objects.get(pk=parent.pk).add_child(**kwargs)


class MembershipFactory(factory.django.DjangoModelFactory):
    """A role held by a person in an organisation."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.HCP


def person_with_role(role, organisation, **fields):
    """Create a person holding one role in one organisation."""
    user = UserFactory(**fields)
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user

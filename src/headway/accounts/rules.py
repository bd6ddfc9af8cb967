"""Who may do what inside their own practice. Scoping to the practice happens before these run
(headway.patients.queries); these only tell roles apart."""

import rules

from headway.accounts.models import CLINICAL_ROLES, Role


@rules.predicate
def is_owner(user, practice) -> bool:
    return _role(user, practice) == Role.OWNER


@rules.predicate
def is_clinician(user, practice) -> bool:
    return _role(user, practice) in CLINICAL_ROLES


@rules.predicate
def is_staff_member(user, practice) -> bool:
    return _role(user, practice) is not None


def _role(user, practice):
    if practice is None or not user.is_authenticated:
        return None
    membership = user.memberships.filter(practice=practice, is_active=True).first()
    return membership.role if membership else None


rules.add_perm("practice.manage", is_owner)
rules.add_perm("practice.read_audit", is_owner)
rules.add_perm("patients.read_clinical", is_clinician)
rules.add_perm("patients.export", is_clinician)
rules.add_perm("patients.invite_portal", is_clinician)
rules.add_perm("patients.erase", is_owner)
rules.add_perm("patients.manage", is_staff_member)

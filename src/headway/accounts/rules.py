"""Who may do what inside their own practice. Scoping to the practice happens before these run
(headway.patients.queries); these only tell roles apart. The object checked is the request's
membership: `request.user.has_perm("patients.export", request.membership)`."""

import rules

from headway.accounts.models import CLINICAL_ROLES, Membership, Role


@rules.predicate
def is_owner(user, membership) -> bool:
    return _role(user, membership) == Role.OWNER


@rules.predicate
def is_clinician(user, membership) -> bool:
    return _role(user, membership) in CLINICAL_ROLES


@rules.predicate
def is_staff_member(user, membership) -> bool:
    return _role(user, membership) is not None


def _role(user, membership: Membership | None) -> str | None:
    """The role of `user` in the membership the request works in (request.membership, already
    loaded by PracticeMiddleware), so a permission check costs no query."""
    if membership is None or not user.is_authenticated:
        return None
    if membership.user_id != user.pk or not membership.is_active:
        return None
    return membership.role


rules.add_perm("practice.manage", is_owner)
rules.add_perm("practice.read_audit", is_owner)
rules.add_perm("patients.read_clinical", is_clinician)
rules.add_perm("patients.export", is_clinician)
rules.add_perm("patients.invite_portal", is_clinician)
rules.add_perm("patients.erase", is_owner)
rules.add_perm("patients.manage", is_staff_member)

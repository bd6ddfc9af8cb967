"""ICHD-3 classification as criteria-based suggestions (clinical-reference.md section 1).

ICHD-3: Headache Classification Committee of the IHS. Cephalalgia 2018;38(1):1-211. The criteria
are stored as structured thresholds, not the IHS wording (reference, copyright note). Every
criterion is met, not met or unknown, with the reason in plain words and what would settle it.
The practitioner confirms or overrides; this is never a diagnosis on its own.
"""

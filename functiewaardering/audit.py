"""Signals for the security log: the apps announce what it records, `accounts` listens.

`grading` and `profiles` send these and never import `accounts`, which sits above them (it uses
the roles of `grading`); `accounts/receivers.py` writes the log lines.
"""

from django.dispatch import Signal

# An export of data left the application. Arguments: request (who and from where), what (Dutch,
# for the log: "indelingsbesluiten (CSV)").
export_made = Signal()

# A person was erased on request (grading/services/privacy.py). Arguments: user (the account, now
# anonymous), username (the user name it had), request (None from the command line).
person_erased = Signal()

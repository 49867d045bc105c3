"""Classical test theory: reliability, item and distractor analysis, decisions.

Every function takes item data (survey Likert scales or scored test items) and returns a
tidy DataFrame. Statistics that admit it are computed from one item covariance matrix.
"""

from techvet_survey.scoring import response_status, score_test

from ._alpha import cronbach_alpha
from ._decision import decision_consistency
from ._distractors import distractor_analysis
from ._items import item_analysis
from ._omega import omega
from ._ordinal import ordinal_alpha, ordinal_omega
from ._split import kr20, kr21, split_half, standard_error_of_measurement
from ._subscores import subscores

__all__ = [
    "cronbach_alpha",
    "decision_consistency",
    "distractor_analysis",
    "item_analysis",
    "kr20",
    "kr21",
    "omega",
    "ordinal_alpha",
    "ordinal_omega",
    "response_status",
    "score_test",
    "split_half",
    "standard_error_of_measurement",
    "subscores",
]

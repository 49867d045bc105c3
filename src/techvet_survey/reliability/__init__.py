"""Classical test theory: reliability, item and distractor analysis, decisions.

Every function takes item data (survey Likert scales or scored test items) and returns a
tidy DataFrame. Statistics that admit it are computed from one item covariance matrix.
"""

from techvet_survey.reliability._alpha import cronbach_alpha
from techvet_survey.reliability._decision import decision_consistency
from techvet_survey.reliability._distractors import distractor_analysis
from techvet_survey.reliability._items import item_analysis
from techvet_survey.reliability._kuder_richardson import kr20, kr21, standard_error_of_measurement
from techvet_survey.reliability._omega import omega, omega_loadings
from techvet_survey.reliability._ordinal import ordinal_alpha, ordinal_omega
from techvet_survey.reliability._scale import ScaleReliability, scale_reliability
from techvet_survey.reliability._split import split_half
from techvet_survey.reliability._subscores import subscores
from techvet_survey.scoring import response_status, score_against_key

__all__ = [
    "ScaleReliability",
    "cronbach_alpha",
    "decision_consistency",
    "distractor_analysis",
    "item_analysis",
    "kr20",
    "kr21",
    "omega",
    "omega_loadings",
    "ordinal_alpha",
    "ordinal_omega",
    "response_status",
    "scale_reliability",
    "score_against_key",
    "split_half",
    "standard_error_of_measurement",
    "subscores",
]

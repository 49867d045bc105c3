"""Item response theory for 0/1 items: Rasch and 2PL models, abilities, information.

The Learning Ambassador assessment test is scored 0/1 per item. :func:`fit` estimates
the Rasch model or the two-parameter logistic (2PL) model by marginal maximum likelihood
(MML, Bock-Aitkin EM over Gauss-Hermite quadrature), or the Rasch model by conditional
maximum likelihood (CML, the estimator of R's eRm). :func:`abilities` gives EAP ability
estimates, :func:`item_information` / :func:`test_information` the information curves,
:func:`marginal_reliability` the reliability of the EAP scores and :func:`wright_map`
persons and items on one scale. After a Rasch fit by CML (eRm's workflow),
:func:`person_parameters` gives WLE or ML abilities, :func:`item_fit` and
:func:`person_fit` the infit and outfit statistics and :func:`andersen_lr` Andersen's
likelihood-ratio test; :func:`compare_models` tests the Rasch model against the 2PL.
"""

from techvet_survey.irt._andersen import AndersenLRResult, andersen_lr
from techvet_survey.irt._compare import compare_models
from techvet_survey.irt._fit import fit
from techvet_survey.irt._item_fit import item_fit, person_fit
from techvet_survey.irt._persons import PERSON_METHODS, person_parameters
from techvet_survey.irt._result import EXTREME_SLOPE, METHODS, MODELS, IRTResult
from techvet_survey.irt._scores import (
    abilities,
    item_information,
    marginal_reliability,
    test_information,
    wright_map,
)

__all__ = [
    "EXTREME_SLOPE",
    "METHODS",
    "MODELS",
    "PERSON_METHODS",
    "AndersenLRResult",
    "IRTResult",
    "abilities",
    "andersen_lr",
    "compare_models",
    "fit",
    "item_fit",
    "item_information",
    "marginal_reliability",
    "person_fit",
    "person_parameters",
    "test_information",
    "wright_map",
]

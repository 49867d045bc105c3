"""The study instrument as data.

The codebook holds everything the package knows about the NextSteps@TechVET instrument:
countries, respondent groups, response scales with their labels in five languages and
the label variants real exports use, missing-value codes, the guidance-capability scales
and their items (with parallel wording per respondent group and reverse keys), the
multi-select and free-text items, the Learning Ambassador assessment test (items,
options, keys, competence areas, Open Badge cut score) and the interview code book.

It is read from the YAML files bundled in ``techvet_survey/codebook/data`` (or from a
directory or file of the user's) and checked on load: every problem is reported at once.

Examples
--------
>>> from techvet_survey.codebook import Codebook
>>> book = Codebook.load()
>>> book.languages
('en', 'fi', 'et', 'lv', 'nl')
>>> book.label_map("agree5", "fi")["täysin samaa mieltä"]
5
>>> book.scale_items("dg")
['dg1', 'dg2', 'dg3', 'dg4']
"""

from techvet_survey.codebook._codebook import Codebook
from techvet_survey.codebook._labels import normalize_label
from techvet_survey.codebook._sources import DATA_DIR

__all__ = ["DATA_DIR", "Codebook", "normalize_label"]

# Reference values for tests/test_factor.py (polychoric correlations, EFA, parallel
# analysis, ordinal alpha and omega).
# R 4.2.2; psych 2.2.9; GPArotation 2022.10.2; lavaan 0.6; psychTools (bfi).
# Run from the repository root:  Rscript tests/reference/factor_psych.R
# Data: tests/reference/data/reliability_bfi.csv (psychTools::bfi[, 1:25], written by
# reliability_psych.R) and cfa_holzinger_swineford_1939.csv (lavaan). Prints every number
# the tests hard-code, with 15 significant digits.
suppressPackageStartupMessages({library(psych); library(GPArotation); library(lavaan)})
options(digits = 15, width = 200)

bfi <- read.csv("tests/reference/data/reliability_bfi.csv")
show <- function(label, x) { cat("\n=====", label, "=====\n"); print(x) }

# ---- polychoric ------------------------------------------------------------------
pc <- polychoric(bfi)
show("polychoric bfi 25 items (pairwise), rho[A1..A5, A1..A5]", unname(pc$rho[1:5, 1:5]))
show("polychoric bfi rho[N1, O5], rho[C4, E3], rho[O2, O5]",
     c(pc$rho["N1", "O5"], pc$rho["C4", "E3"], pc$rho["O2", "O5"]))
show("polychoric bfi tau A1 and O5", rbind(pc$tau["A1", ], pc$tau["O5", ]))
agree <- bfi[, paste0("A", 1:5)]
lc <- lavCor(agree, ordered = names(agree), missing = "pairwise", output = "cor")
show("lavCor agreeableness, missing = pairwise", matrix(lc, 5))
lcl <- lavCor(na.omit(agree), ordered = names(agree), output = "cor")
show("lavCor agreeableness, complete cases", matrix(lcl, 5))
show("complete cases n", nrow(na.omit(agree)))
lth <- lavCor(na.omit(agree), ordered = names(agree), output = "th")
show("lavCor agreeableness complete cases thresholds (A1 ...)", unname(lth[1:5]))

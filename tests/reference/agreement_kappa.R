# Reference values for tests/test_agreement.py (Cohen's kappa, weighted and unweighted).
# R version 4.2.2 Patched (2022-11-10 r83330); psych 2.2.9; vcd 1.4-11.
# Run: Rscript tests/reference/agreement_kappa.R
# psych::cohen.kappa gives the estimates and the unweighted Fleiss-Cohen-Everitt SE;
# vcd::Kappa gives the weighted SE (psych's weighted variance differs from
# Fleiss-Cohen-Everitt and comes out negative, hence 0, for these data).
suppressPackageStartupMessages({
  library(psych)
  library(vcd)
})
options(digits = 12)

# Two coders, categories 1-5, one missing rating each (the rows drop out).
coder_1 <- c(1, 2, 3, 3, 2, 1, 4, 1, 2, 5, 3, 4, 2, 2, 5, 1, 3, NA, 4, 5)
coder_2 <- c(1, 2, 3, 4, 2, 2, 4, 2, 2, 5, 3, 3, 1, 2, 4, 1, NA, 2, 4, 5)
ratings <- cbind(coder_1, coder_2)
levels_1_5 <- 1:5

ck <- cohen.kappa(ratings)
cat("unweighted kappa", ck$kappa, "\n")
cat("unweighted se", sqrt(ck$var.kappa), "\n")
cat("unweighted ci", ck$confid[1, 1], ck$confid[1, 3], "\n")
cat("quadratic kappa", ck$weighted.kappa, "\n")

linear_w <- 1 - abs(outer(levels_1_5, levels_1_5, "-")) / 4
ck_linear <- cohen.kappa(ratings, w = linear_w)
cat("linear kappa", ck_linear$weighted.kappa, "\n")

tab <- table(factor(coder_1, levels = levels_1_5), factor(coder_2, levels = levels_1_5))
cat("n used", sum(tab), "\n")
k_linear <- Kappa(tab, weights = "Equal-Spacing")
k_quadratic <- Kappa(tab, weights = "Fleiss-Cohen")
cat("vcd unweighted", k_linear$Unweighted, "\n")
cat("vcd linear", k_linear$Weighted, "\n")
cat("vcd quadratic", k_quadratic$Weighted, "\n")

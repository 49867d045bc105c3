# Reference values for techvet_survey.irt person parameters, item/person fit and
# Andersen's LR test (eRm::person.parameter, itemfit, personfit, LRtest).
# R 4.2.2, eRm 1.0.2.  Run from the repository root:
#   Rscript tests/reference/irt_rasch_fit_erm.R
# Data: tests/reference/data/irt_rasch_sim.csv (written by irt_rasch_erm.R), complete and
# with the last two items missing for the first 40 persons.
suppressPackageStartupMessages(library(eRm))
options(digits = 12)
x <- as.matrix(read.csv("tests/reference/data/irt_rasch_sim.csv"))
vec <- function(label, v) cat(label, "=", paste(format(unname(v), digits = 12), collapse = ", "), "\n")

fit <- RM(x, sum0 = TRUE)
pp <- person.parameter(fit)
# ML person parameter for each raw score 0..10 (0 and 10: eRm's spline extrapolation)
tab <- unique(data.frame(score = rowSums(x), theta = pp$theta.table[, "Person Parameter"]))
tab <- tab[order(tab$score), ]
vec("scores", tab$score)
vec("theta_ml", tab$theta)
kept <- rowSums(x)[-pp$pers.ex]
se <- unique(data.frame(score = kept, se = unname(pp$se.theta[[1]])))
vec("se_ml (scores)", se$score)
vec("se_ml", se$se)

ifit <- itemfit(pp)
vec("outfit_msq", ifit$i.outfitMSQ)
vec("infit_msq", ifit$i.infitMSQ)
vec("outfit_t", ifit$i.outfitZ)
vec("infit_t", ifit$i.infitZ)
vec("chisq", ifit$i.fit)
vec("df", ifit$i.df)

pfit <- personfit(pp)
keep <- c(1, 2, 3, 4, 5)
vec("person rows (1-based, extremes dropped)", which(!(seq_len(nrow(x)) %in% pp$pers.ex))[keep])
vec("p_outfit_msq", pfit$p.outfitMSQ[keep])
vec("p_infit_msq", pfit$p.infitMSQ[keep])
vec("p_outfit_t", pfit$p.outfitZ[keep])
vec("p_infit_t", pfit$p.infitZ[keep])
vec("extreme persons (1-based)", pp$pers.ex)

lr <- LRtest(fit, splitcr = "median")
cat("LR median =", format(lr$LR, digits = 12), " df =", lr$df, " p =", format(lr$pvalue, digits = 12), "\n")
vec("loglik groups", lr$likgroup)
grp <- rep(c(1, 2), length.out = nrow(x))
lr2 <- LRtest(fit, splitcr = grp)
cat("LR alternating split =", format(lr2$LR, digits = 12), " df =", lr2$df, "\n")

x_na <- x
x_na[1:40, 9:10] <- NA
fit_na <- RM(x_na, sum0 = TRUE)
pp_na <- person.parameter(fit_na)
vec("missing: theta of persons 1..5", pp_na$theta.table[1:5, "Person Parameter"])
vec("missing: theta of persons 41..45", pp_na$theta.table[41:45, "Person Parameter"])
ifit_na <- itemfit(pp_na)
vec("missing: outfit_msq", ifit_na$i.outfitMSQ)
lr_na <- LRtest(fit_na, splitcr = "median")
cat("missing: LR median =", format(lr_na$LR, digits = 12), " df =", lr_na$df, "\n")

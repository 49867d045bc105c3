# Reference values for tests/test_reliability.py (classical test theory).
# R version 4.2.2 Patched (2022-11-10 r83330); psych 2.2.9; psychTools (bfi, ability);
# GPArotation 2022.10.2.
# Run from the repository root:  Rscript tests/reference/reliability_psych.R
# It writes the two data files the Python test reads (so the test needs no R) and prints
# every number the test hard-codes, with 15 significant digits.
suppressPackageStartupMessages({library(psych); library(GPArotation)})
options(digits = 15, width = 200)

bfi <- psychTools::bfi[, 1:25]
ability <- psychTools::ability
dir.create("tests/reference/data", showWarnings = FALSE)
write.csv(bfi, "tests/reference/data/reliability_bfi.csv", row.names = FALSE, na = "")
write.csv(ability, "tests/reference/data/reliability_ability.csv", row.names = FALSE, na = "")

show_alpha <- function(label, x) {
  cat("\n=====", label, "=====\n")
  a <- psych::alpha(x, check.keys = FALSE, warnings = FALSE)
  tot <- a$total
  cat("raw_alpha std_alpha G6 average_r ase\n")
  print(unlist(tot[c("raw_alpha", "std.alpha", "G6(smc)", "average_r", "ase")]))
  cat("n used by psych (nrow):", nrow(x), "\n")
  cat("Feldt lower upper\n"); print(c(a$feldt$lower.ci[[1]], a$feldt$upper.ci[[1]]))
  z <- qnorm(0.975)
  cat("Duhachek lower upper (alpha -/+ qnorm(.975) * ase)\n")
  print(c(tot$raw_alpha - z * tot$ase, tot$raw_alpha + z * tot$ase))
  cat("alpha.drop raw_alpha\n"); print(a$alpha.drop$raw_alpha)
  cat("item.stats raw.r\n"); print(a$item.stats$raw.r)
  cat("item.stats r.drop\n"); print(a$item.stats$r.drop)
  cat("item.stats mean\n"); print(a$item.stats$mean)
  cat("item.stats sd\n"); print(a$item.stats$sd)
  cat("item.stats n\n"); print(a$item.stats$n)
  invisible(a)
}

# Agreeableness with A1 reversed on its 1..6 scale.
agree <- bfi[, paste0("A", 1:5)]
agree$A1 <- 7 - agree$A1
show_alpha("bfi agreeableness, A1 reversed, use = pairwise", agree)
# Complete cases passed explicitly, so that psych's n (nrow) is the complete-case n;
# psych::alpha(use = "complete.obs") would keep nrow of the full data in its CIs.
show_alpha("bfi agreeableness, A1 reversed, complete cases", na.omit(agree))
show_alpha("bfi all 25 items, no reversal, use = pairwise", bfi)
show_alpha("ability 16 items, use = pairwise", ability)
show_alpha("ability 16 items, complete cases", na.omit(ability))

cat("\n===== omega bfi 25 items, nfactors = 3 =====\n")
om <- psych::omega(bfi, nfactors = 3, plot = FALSE)
print(c(omega_h = om$omega_h, omega_tot = om$omega.tot, alpha = om$alpha))
cat("Schmid-Leiman g loadings\n"); print(unname(om$schmid$sl[, 1]))
cat("h2\n"); print(unname(om$schmid$sl[, "h2"]))
cat("oblique factor correlations\n"); print(unname(om$schmid$phi))

cat("\n===== omega bfi 25 items, nfactors = 5 =====\n")
om5 <- psych::omega(bfi, nfactors = 5, plot = FALSE)
print(c(omega_h = om5$omega_h, omega_tot = om5$omega.tot, alpha = om5$alpha))

cat("\n===== omega agreeableness (A1 reversed), nfactors = 1 =====\n")
om1 <- suppressWarnings(suppressMessages(psych::omega(agree, nfactors = 1, plot = FALSE)))
print(c(omega_h = om1$omega_h, omega_tot = om1$omega.tot, alpha = om1$alpha))
cat("loadings\n"); print(unname(om1$schmid$sl[, 1]))

cat("\n===== splitHalf ability (16 items: all 6435 splits), correlations =====\n")
sh <- psych::splitHalf(ability, check.keys = FALSE)
print(c(maxrb = sh$maxrb, minrb = sh$minrb, meanr = sh$meanr, lambda2 = sh$lambda2,
        lambda6 = sh$lambda6, alpha = sh$alpha))
cat("\n===== splitHalf ability, covariances (covar = TRUE) =====\n")
shc <- psych::splitHalf(ability, check.keys = FALSE, covar = TRUE)
print(c(maxrb = shc$maxrb, minrb = shc$minrb, meanr = shc$meanr, lambda2 = shc$lambda2,
        alpha = shc$alpha))
cat("\n===== guttman lambdas ability complete cases, pairwise covariances =====\n")
print(unlist(psych::splitHalf(na.omit(ability), check.keys = FALSE, covar = TRUE)[c("maxrb", "lambda2", "alpha")]))

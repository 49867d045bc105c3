# Reference values for tests/test_factor.py (polychoric correlations, EFA, parallel
# analysis) and for the ordinal alpha / omega tests in tests/test_reliability.py.
# R 4.2.2; psych 2.2.9; GPArotation 2022.10.2; lavaan 0.6-14.
# Run from the repository root:  Rscript tests/reference/factor_psych.R
# It prints every number the tests hard-code, with 15 significant digits.
#
# Data (already in tests/reference/data):
# - reliability_bfi.csv: psychTools::bfi[, 1:25], 25 personality items of 2800 SAPA
#   respondents (Revelle, Wilt & Rosenthal 2010), written by reliability_psych.R;
#   psychTools is GPL (>= 2), the data are used here as test data only.
# - cfa_holzinger_swineford_1939.csv: lavaan::HolzingerSwineford1939 (Holzinger &
#   Swineford 1939), 301 pupils; lavaan is GPL (>= 2).
suppressPackageStartupMessages({library(psych); library(GPArotation); library(lavaan)})
options(digits = 15, width = 200, mc.cores = 1)  # mc.cores = 1: set.seed reproduces fa.parallel

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

# ---- efa -------------------------------------------------------------------------
py <- function(label, x) cat(label, "= [", paste(sprintf("%.15g", x), collapse = ", "), "]\n")
show_fa <- function(label, f, rows = rownames(f$loadings)) {
  cat("\n=====", label, "=====\n")
  cat("factor order", colnames(f$loadings), "\n")
  for (item in rows) py(paste("loadings", item), f$loadings[item, ])
  py("h2", f$communality)
  if (!is.null(f$Phi)) py("phi (by row)", t(f$Phi))
  py("ss_loadings", f$Vaccounted[1, ])
  py("chi2 df p_val tli rmsea low high bic objective null_chi2 null_df chi rms crms fit_off n",
     c(f$STATISTIC, f$dof, f$PVAL, f$TLI, f$RMSEA[1:3], f$BIC, f$objective,
       f$null.chisq, f$null.dof, f$chi, f$rms, f$crms, f$fit.off, f$n.obs))
}
five <- c("A1", "C4", "E3", "N1", "O5")
show_fa("fa bfi 5 factors minres oblimin", fa(bfi, 5), five)
show_fa("fa bfi 5 factors ml varimax", fa(bfi, 5, fm = "ml", rotate = "varimax"), five)
show_fa("fa bfi 5 factors minres promax", fa(bfi, 5, rotate = "promax"), five)
show_fa("fa bfi 5 factors ml geominQ", fa(bfi, 5, fm = "ml", rotate = "geominQ"), five)
hs <- read.csv("tests/reference/data/cfa_holzinger_swineford_1939.csv")
show_fa("fa HolzingerSwineford x1..x9 3 factors ml oblimin",
        fa(hs[, paste0("x", 1:9)], 3, fm = "ml"))
# Near-Heywood solutions: four factors for nine Holzinger-Swineford tests.
hs4ml <- fa(hs[, paste0("x", 1:9)], 4, fm = "ml")
hs4mr <- fa(hs[, paste0("x", 1:9)], 4)
cat("\n===== near-Heywood: HolzingerSwineford 4 factors, ml and minres =====\n")
py("ml h2", hs4ml$communality)
py("ml chi2 tli bic objective", c(hs4ml$STATISTIC, hs4ml$TLI, hs4ml$BIC, hs4ml$objective))
py("minres h2", hs4mr$communality)
py("minres chi2 tli bic objective", c(hs4mr$STATISTIC, hs4mr$TLI, hs4mr$BIC, hs4mr$objective))
py("minres uniquenesses (psych's optimum)", 1 - hs4mr$communalities)
show_fa("fa bfi agreeableness+conscientiousness polychoric 2 factors minres oblimin",
        fa(bfi[, 1:10], 2, cor = "poly"))

# ---- parallel analysis -------------------------------------------------------------
# Random draws differ between R and Python: the tests compare the means of the random
# eigenvalues within Monte-Carlo error (their standard deviations are printed too).
show_parallel <- function(label, x, n.iter) {
  set.seed(42)
  pa <- fa.parallel(x, fa = "both", n.iter = n.iter, plot = FALSE)
  cat("\n=====", label, "=====\n")
  nv <- ncol(x)
  v <- pa$values  # per iteration: resampled pc, resampled fa, simulated pc, simulated fa
  py("pc.values", pa$pc.values); py("fa.values", pa$fa.values)
  py("pc.sim", pa$pc.sim); py("pc.sim sd", apply(v[, (2 * nv + 1):(3 * nv)], 2, sd))
  py("fa.sim", pa$fa.sim); py("fa.sim sd", apply(v[, (3 * nv + 1):(4 * nv)], 2, sd))
  py("pc.simr", pa$pc.simr); py("pc.simr sd", apply(v[, 1:nv], 2, sd))
  py("fa.simr", pa$fa.simr); py("fa.simr sd", apply(v[, (nv + 1):(2 * nv)], 2, sd))
  py("nfact ncomp", c(pa$nfact, pa$ncomp))
}
show_parallel("fa.parallel bfi 25 items, n.iter = 100", bfi, 100)
show_parallel("fa.parallel HolzingerSwineford x1..x9, n.iter = 200", hs[, paste0("x", 1:9)], 200)

# ---- ordinal alpha and omega (psych alpha / omega on polychoric correlations) ------
agree_r <- agree; agree_r$A1 <- 7 - agree_r$A1
rho_agree <- polychoric(agree_r)$rho
oa <- psych::alpha(rho_agree)$total
cat("\n===== ordinal alpha agreeableness (A1 reversed) =====\n")
py("raw_alpha std.alpha G6 average_r", unlist(oa[c("raw_alpha", "std.alpha", "G6(smc)", "average_r")]))
consc <- bfi[, paste0("C", 1:5)]; consc$C4 <- 7 - consc$C4; consc$C5 <- 7 - consc$C5
oc <- psych::alpha(polychoric(consc)$rho)$total
cat("\n===== ordinal alpha conscientiousness (C4, C5 reversed) =====\n")
py("raw_alpha std.alpha G6 average_r", unlist(oc[c("raw_alpha", "std.alpha", "G6(smc)", "average_r")]))
cat("\n===== ordinal omega bfi 25 items, nfactors = 5 (omega(poly = TRUE)) =====\n")
om5 <- psych::omega(bfi, nfactors = 5, poly = TRUE, plot = FALSE)
py("omega_h omega.tot alpha", c(om5$omega_h, om5$omega.tot, om5$alpha))
cat("\n===== ordinal omega agreeableness (A1 reversed), nfactors = 1 =====\n")
om1 <- suppressWarnings(suppressMessages(
  psych::omega(agree_r, nfactors = 1, poly = TRUE, plot = FALSE)))
py("omega_h omega.tot alpha", c(om1$omega_h, om1$omega.tot, om1$alpha))

# ---- a sparse 3 x 3 table (3 empty cells) --------------------------------------------
sparse <- data.frame(q1 = c(1, 2, 3, 3, 2, 1, 3, 2, 1, 2), q2 = c(1, 2, 3, 2, 2, 1, 3, 3, 1, 1))
cat("\n===== sparse table: lavCor and psych polychoric =====\n")
py("lavCor psych", c(lavCor(sparse, ordered = names(sparse))[1, 2], polychoric(sparse)$rho[1, 2]))

# ---- smoothing of a correlation matrix that is not positive definite ----------------
bad <- matrix(c(1, 0.9, -0.9, 0.2, 0.9, 1, 0.9, 0.1, -0.9, 0.9, 1, 0.3, 0.2, 0.1, 0.3, 1), 4)
cat("\n===== cor.smooth of a non-positive-definite matrix (by row) =====\n")
py("smoothed", t(suppressWarnings(cor.smooth(bad))))

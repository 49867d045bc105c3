# Reference values for techvet_survey.irt MML fits on LSAT7 (R 4.2.2, stats only).
#   Rscript tests/reference/irt_lsat7_mml.R
# LSAT7: Bock & Lieberman (1970), 1000 examinees, 5 items, 32 response patterns, as
# distributed in R's mirt package (data(LSAT7)); stored in data/irt_lsat7.csv.
# mirt is not packaged for Debian; its published 2PL fit (mirt(expand.table(LSAT7), 1),
# coef(..., simplify = TRUE)) is a1 = 0.988, 1.081, 1.706, 0.765, 0.736;
# d = 1.856, 0.808, 1.804, 0.486, 1.855; logLik = -2658.805.
# Here the marginal likelihood is maximised directly (BFGS, tight tolerance) with mirt's
# quadrature (61 equally spaced nodes on [-6, 6], normal-density weights), and the SEs
# come from the numerically differentiated Hessian (optimHess) of the marginal
# log-likelihood: an implementation independent of the EM and Louis' rule in Python.
options(digits = 12)
lsat <- read.csv("tests/reference/data/irt_lsat7.csv")
u <- as.matrix(lsat[, 1:5])
f <- lsat$freq
nodes <- seq(-6, 6, length.out = 61)
w <- dnorm(nodes) / sum(dnorm(nodes))

loglik <- function(par, model) {
  a <- if (model == "2pl") par[1:5] else rep(par[1], 5)
  d <- if (model == "2pl") par[6:10] else par[2:6]
  p <- plogis(outer(a, nodes) + d)                      # items x nodes
  lik <- exp(u %*% log(p) + (1 - u) %*% log(1 - p))     # patterns x nodes
  sum(f * log(lik %*% w))
}
report <- function(model, start) {
  opt <- optim(start, loglik, model = model, method = "BFGS",
               control = list(fnscale = -1, reltol = 1e-14, maxit = 5000))
  cov <- solve(-optimHess(opt$par, loglik, model = model))
  se <- sqrt(diag(cov))
  if (model == "2pl") {  # b = -d / a by the delta method
    se_b <- sapply(1:5, function(j) {
      g <- c(opt$par[5 + j] / opt$par[j]^2, -1 / opt$par[j])
      sqrt(drop(t(g) %*% cov[c(j, 5 + j), c(j, 5 + j)] %*% g))
    })
    cat("se_b     =", paste(format(se_b, digits = 12), collapse = ", "), "\n")
  }
  cat(model, "\nestimate =", paste(format(opt$par, digits = 12), collapse = ", "),
      "\nse       =", paste(format(se, digits = 12), collapse = ", "),
      "\nloglik   =", format(opt$value, digits = 12), "\n")
}
report("2pl", c(rep(1, 5), rep(1, 5)))
# Rasch: common slope (= SD of theta in the slope-1 metric) and five intercepts
report("rasch", c(1, rep(1, 5)))

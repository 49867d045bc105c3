# Reference values for techvet_survey.compare.ordinal_regression.
# R 4.2.2; ordinal 2022.11.16. Run from the repository root:
#   Rscript tests/reference/compare_ordinal.R
# clm parametrisation: logit P(Y <= j) = theta_j - eta, eta = x'beta (the same as
# statsmodels OrderedModel), so coefficients and thresholds compare directly.
suppressPackageStartupMessages(library(ordinal))
options(digits = 12)
# The small survey (compare_survey.csv) has empty country x answer cells, in which the
# non-proportional (nominal) model cannot be estimated, so this script simulates its own
# 600 answers to one 5-point item, with a role effect that breaks proportional odds,
# and writes them to tests/reference/data/compare_ordinal.csv.
set.seed(20261129)
n <- 600
d <- data.frame(country = sample(c("Estonia", "Finland", "Latvia", "Netherlands"), n,
                                 replace = TRUE, prob = c(0.25, 0.3, 0.2, 0.25)),
                role = sample(c("student", "teacher", "trainer"), n, replace = TRUE,
                              prob = c(0.5, 0.25, 0.25)))
eta <- c(Estonia = 0, Finland = 0.6, Latvia = -0.4, Netherlands = 0.2)[d$country]
spread <- c(student = 1, teacher = 0.6, trainer = 1.6)[d$role]  # violates PO
latent <- eta + 0.3 * (d$role == "teacher") + spread * rlogis(n)
d$q1 <- as.integer(cut(latent, c(-Inf, -2, -0.8, 0.4, 1.8, Inf)))
d$q1[sample(n, 12)] <- NA
write.csv(d, "tests/reference/data/compare_ordinal.csv", row.names = FALSE, na = "")
d <- read.csv("tests/reference/data/compare_ordinal.csv")
d <- d[!is.na(d$q1), ]
print(table(d$country, d$q1)); print(table(d$role, d$q1))
d$q1 <- factor(d$q1, ordered = TRUE)
d$country <- factor(d$country)  # reference level Estonia (alphabetical)
d$role <- factor(d$role)        # reference level student
fit <- clm(q1 ~ country + role, data = d, link = "logit",
           control = clm.control(gradTol = 1e-10))
cat("n:", nobs(fit), "logLik:", logLik(fit), "\n")
cat("== estimates and standard errors\n")
print(cbind(estimate = coef(fit), se = sqrt(diag(vcov(fit)))), digits = 12)
cat("== Wald intervals for the log odds ratios (confint.default)\n")
print(confint.default(fit)[names(fit$beta), ], digits = 12)
cat("== profile intervals (confint, default), for comparison only\n")
print(confint(fit), digits = 12)
cat("== nominal_test: likelihood-ratio test of proportional odds, term by term\n")
# (nominal_test(fit) prints empty rows here, so each nominal model is fitted explicitly)
for (term in c("country", "role")) {
  other <- setdiff(c("country", "role"), term)
  nom <- clm(as.formula(paste("q1 ~", other)), nominal = as.formula(paste("~", term)),
             data = d, link = "logit", control = clm.control(gradTol = 1e-10))
  cat(term, "logLik:", logLik(nom), "LR:", 2 * (logLik(nom) - logLik(fit)),
      "df:", length(coef(nom)) - length(coef(fit)),
      "p:", pchisq(2 * (logLik(nom) - logLik(fit)), length(coef(nom)) - length(coef(fit)),
                   lower.tail = FALSE), "\n")
}
cat("== global test: every predictor nominal\n")
full <- clm(q1 ~ 1, nominal = ~ country + role, data = d, link = "logit",
            control = clm.control(gradTol = 1e-10))
lr <- 2 * (logLik(full) - logLik(fit)); df <- length(coef(full)) - length(coef(fit))
cat("logLik:", logLik(full), "LR:", lr, "df:", df, "p:", pchisq(lr, df, lower.tail = FALSE), "\n")

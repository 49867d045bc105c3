# Reference values for techvet_survey.cfa with four groups (Likert 1-5, one factor, 5 items).
# R version 4.2.2 Patched (2022-11-10 r83330), lavaan 0.6-14.
# Run from the repository root:  Rscript tests/reference/cfa_four_countries.R
# It (re)writes tests/reference/data/cfa_four_countries.csv (simulated here, seed below:
# the q4 intercept is 0.6 higher in LV) and prints the numbers in tests/test_cfa.py.
suppressPackageStartupMessages(library(lavaan))
options(digits = 10, width = 200)

set.seed(20261128)
countries <- c("FI", "EE", "LV", "NL")
n <- 80
loadings <- c(1, 0.9, 0.8, 1.1, 0.7)
intercepts <- c(3.0, 3.2, 2.9, 3.1, 3.3)
parts <- lapply(seq_along(countries), function(k) {
  eta <- rnorm(n, mean = c(0, 0.3, -0.2, 0.4)[k], sd = 0.6)
  nu <- intercepts
  if (countries[k] == "LV") nu[4] <- nu[4] + 0.6
  x <- sapply(1:5, function(j) nu[j] + loadings[j] * eta + rnorm(n, sd = 0.5))
  x <- pmin(pmax(round(x), 1), 5)
  colnames(x) <- paste0("q", 1:5)
  data.frame(country = countries[k], x)
})
data_file <- "tests/reference/data/cfa_four_countries.csv"
write.csv(do.call(rbind, parts), data_file, row.names = FALSE)
d <- read.csv(data_file)

measures <- c("chisq", "df", "cfi", "tli", "rmsea", "rmsea.ci.lower", "rmsea.ci.upper",
              "srmr", "logl")
show_fit <- function(fit) {
  fm <- fitMeasures(fit, measures)
  print(setNames(as.numeric(fm), names(fm)), digits = 12)
}
model <- "care =~ q1 + q2 + q3 + q4 + q5"
for (level in list("", "loadings", c("loadings", "intercepts"))) {
  cat("### group.equal =", paste(level, collapse = "+"), "\n")
  fit <- cfa(model, data = d, group = "country", group.equal = level)
  show_fit(fit)
}
scalar <- cfa(model, data = d, group = "country", group.equal = c("loadings", "intercepts"))
cat("### lavTestScore(scalar)$uni\n")
print(parTable(scalar)[parTable(scalar)$op == "==", c("lhs", "op", "rhs")])
print(as.data.frame(lavTestScore(scalar)$uni), digits = 12)
pe <- parameterEstimates(scalar)
print(as.data.frame(pe[pe$op == "~1" & pe$lhs == "care", c("group", "est", "se")]), digits = 12)

cat("### partial scalar: q4 intercept free in LV (group 3) only\n")
partial_model <- "
  care =~ q1 + c(l2, l2, l2, l2)*q2 + c(l3, l3, l3, l3)*q3 + c(l4, l4, l4, l4)*q4 +
          c(l5, l5, l5, l5)*q5
  q1 ~ c(i1, i1, i1, i1)*1
  q2 ~ c(i2, i2, i2, i2)*1
  q3 ~ c(i3, i3, i3, i3)*1
  q4 ~ c(i4, i4, i4lv, i4)*1
  q5 ~ c(i5, i5, i5, i5)*1
  care ~ c(0, NA, NA, NA)*1
"
partial <- cfa(partial_model, data = d, group = "country")
show_fit(partial)
pe <- parameterEstimates(partial)
print(as.data.frame(pe[pe$op == "~1", c("group", "lhs", "est", "se")]), digits = 12)

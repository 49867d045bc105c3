# Reference values for notebooks/06_your_own_data.ipynb (checked by
# tests/test_notebook_your_own_data.py) on psych's bfi with its background columns.
# R version 4.2.2 Patched (2022-11-10 r83330); psych 2.2.9; psychTools 2.2.9; lavaan 0.6-14.
# Run from the repository root:  Rscript tests/reference/bfi_notebook.R
# It writes tests/reference/data/bfi_background.csv: psychTools::bfi, all 28 columns
# (25 items on a 6-point scale, gender 1 = male 2 = female, education 1-5, age), 2800
# respondents of the SAPA project (Revelle, Wilt & Rosenthal 2010); psychTools is
# licensed GPL-2 | GPL-3. Missing answers are empty cells.
suppressPackageStartupMessages({library(psych); library(lavaan)})
options(digits = 12, width = 200)
cat(R.version.string, " psych", as.character(packageVersion("psych")), " psychTools",
    as.character(packageVersion("psychTools")), " lavaan", as.character(packageVersion("lavaan")),
    "\n")

data_file <- "tests/reference/data/bfi_background.csv"
write.csv(psychTools::bfi, data_file, row.names = FALSE, na = "")
bfi <- read.csv(data_file)
keys <- list(agree = c("-A1", "A2", "A3", "A4", "A5"),
             conscientious = c("C1", "C2", "C3", "-C4", "-C5"),
             neuroticism = c("N1", "N2", "N3", "N4", "N5"))

cat("## alpha(check.keys = TRUE) per scale: raw_alpha, std.alpha, keys\n")
for (scale in names(keys)) {
  items <- sub("-", "", keys[[scale]])
  a <- suppressWarnings(alpha(bfi[, items], check.keys = TRUE))
  cat(scale, format(a$total$raw_alpha, digits = 12), format(a$total$std.alpha, digits = 12),
      "keys:", unlist(a$keys), "\n")
}

cat("## scoreItems(keys, impute = 'none'): scale means by gender (1 male, 2 female)\n")
scores <- as.data.frame(scoreItems(make.keys(bfi, keys), bfi, impute = "none")$scores)
print(aggregate(scores, list(gender = bfi$gender), mean), digits = 12)
cat("## Welch t-test of agree by gender (female - male)\n")
welch <- t.test(scores$agree[bfi$gender == 2], scores$agree[bfi$gender == 1])
print(c(t = unname(welch$statistic), df = unname(welch$parameter), p = welch$p.value,
        diff = unname(diff(rev(welch$estimate)))), digits = 12)

cat("## CFA by gender (listwise), lavaan's group order: male, female\n")
model <- "
  agree =~ A2 + A3 + A4 + A5
  conscientious =~ C1 + C2 + C3 + C4 + C5
  neuroticism =~ N1 + N2 + N3 + N4 + N5
"
bfi$sex <- factor(bfi$gender, levels = c(1, 2), labels = c("male", "female"))
measures <- c("npar", "chisq", "df", "cfi", "rmsea", "srmr", "aic")
show_fit <- function(fit) {
  fm <- fitMeasures(fit, measures)
  print(setNames(as.numeric(fm), names(fm)), digits = 12)
}
single <- cfa(model, data = bfi)
cat("### single group\n")
show_fit(single)
for (level in list("none", "loadings", c("loadings", "intercepts"))) {
  fit <- cfa(model, data = bfi, group = "sex", group.equal = level)
  cat("###", paste(level, collapse = " + "), "\n")
  show_fit(fit)
  if (length(level) == 2) {
    pe <- parameterEstimates(fit)
    print(as.data.frame(pe)[pe$op == "~1" & pe$group == 2 & pe$lhs %in% c("agree", "conscientious",
             "neuroticism"), c("lhs", "est", "se", "pvalue")], digits = 12)
  }
}

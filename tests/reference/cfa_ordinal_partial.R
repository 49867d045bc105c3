# Reference values for partial invariance of ordered items in techvet_survey.cfa: the
# univariate score tests (lavaan lavTestScore) of Wu & Estabrook's (2016) thresholds and
# scalar models fitted by WLSMV, and the partial models refitted with those parameters
# freed (semTools measEq.syntax(group.partial = ...)), on the ordinal
# HolzingerSwineford1939 data of tests/reference/cfa_ordinal.R, by school.
# R version 4.2.2 Patched (2022-11-10 r83330), lavaan 0.6-14, semTools 0.5-6.
# Run from the repository root:  Rscript tests/reference/cfa_ordinal_partial.R
# It prints the numbers hard-coded in tests/test_cfa_ordinal.py, in Python syntax.
#
# Each search frees, one at a time, the constraint with the largest univariate score test
# (p < 0.05) among those whose release keeps the model anchored: at least two equal
# thresholds per item (the item's intercept and scale factor are free in group 2), and
# at least two equal intercepts per factor. In the scalar model the intercepts are fixed
# at 0 in both groups; to test them the model is written with the intercepts of group 2
# free and constrained to group 1's fixed zero, nu.j.g2 == nu.j.g1 (the same model: same
# fit, one constraint each; lavaan turns "nu.j.g2 == 0" into a fixed value, untested).
suppressPackageStartupMessages({
  library(lavaan)
  library(semTools)
})
options(digits = 10, width = 200)

ordinal <- read.csv("tests/reference/data/cfa_holzinger_ordinal.csv")
items <- paste0("x", 1:9)
model <- "
  visual  =~ x1 + x2 + x3
  textual =~ x4 + x5 + x6
  speed   =~ x7 + x8 + x9
"
factor_of <- setNames(rep(c("visual", "textual", "speed"), each = 3), items)
levels <- list(configural = "", thresholds = "thresholds",
               metric = c("thresholds", "loadings"),
               scalar = c("thresholds", "loadings", "intercepts"))

syntax_of <- function(level, partial = character()) {
  syntax <- measEq.syntax(model, data = ordinal, ordered = items, group = "school",
                          ID.cat = "Wu.Estabrook.2016", parameterization = "delta",
                          group.equal = levels[[level]],
                          # one string: semTools 0.5-6 tests group.partial == "" with &&
                          group.partial = if (length(partial)) {
                            paste(partial, collapse = "\n")
                          },
                          return.fit = FALSE)
  as.character(syntax)
}
fit_syntax <- function(text) {
  cfa(text, ordinal, ordered = items, group = "school", estimator = "WLSMV",
      parameterization = "delta")
}
# intercepts fixed at 0 in both groups -> free in group 2, equal to group 1's zero
zero_constraints <- function(text) {
  gsub("(x[0-9]+) ~ c\\(0, 0\\)\\*1 \\+ c\\(nu\\.([0-9]+), nu\\.[0-9]+\\)\\*1",
       "\\1 ~ c(0, NA)*1 + c(nu.\\2.g1, nu.\\2.g2)*1\nnu.\\2.g2 == nu.\\2.g1", text)
}
# univariate score tests, named by the constrained parameter of group 2
score_table <- function(fit) {
  uni <- lavTestScore(fit, warn = FALSE)$uni
  pt <- parTable(fit)
  where <- match(uni$rhs, pt$plabel)
  named <- !is.na(where)
  where[!named] <- match(uni$lhs[!named], pt$label)  # nu.j.g2 == nu.j.g1
  data.frame(lhs = pt$lhs[where], op = pt$op[where], rhs = pt$rhs[where], X2 = uni$X2)
}
measures <- c(chisq = "chi2", df = "df", chisq.scaled = "chi2_scaled",
              cfi.scaled = "cfi_scaled", rmsea.scaled = "rmsea_scaled", srmr = "srmr")
show_fit <- function(fit, against) {
  fm <- fitMeasures(fit, names(measures))
  lrt <- as.data.frame(lavTestLRT(against, fit))
  cat(sprintf('        "%s": %.12g,\n', measures, as.numeric(fm)), sep = "")
  cat(sprintf('        "chi2_diff": %.12g,\n        "p_diff": %.12g,\n',
              lrt[2, "Chisq diff"], lrt[2, "Pr(>Chisq)"]))
}
show_scores <- function(name, table) {
  cat(name, " = [\n", sep = "")
  cat(sprintf('    ("%s", "%s", "%s", %.10g),\n', table$lhs, table$op, table$rhs, table$X2),
      sep = "")
  cat("]\n")
}
eligible <- function(table, freed, kind) {
  keep <- logical(nrow(table))
  for (i in seq_len(nrow(table))) {
    row <- table[i, ]
    if (kind == "threshold" && row$op == "|") {
      taken <- sum(startsWith(freed, paste0(row$lhs, " |")))
      keep[i] <- 4 - taken - 1 >= 2
    } else if (kind == "intercept" && row$op == "~1") {
      same <- names(factor_of)[factor_of == factor_of[[row$lhs]]]
      taken <- sum(sub(" ~ 1", "", freed) %in% same)
      keep[i] <- 3 - taken - 1 >= 2
    }
  }
  table[keep, ]
}
# free one constraint at a time; print each step's score tests and refitted model
# (diff_alpha: stop once the difference test against `against` has p >= diff_alpha, as
# the chi-square rule does)
search <- function(prefix, level, against, kind, fixed = character(), steps = 3,
                   alpha = 0.05, diff_alpha = NA) {
  freed <- character()
  text <- syntax_of(level, fixed)
  for (step in seq_len(steps)) {
    fit <- fit_syntax(if (kind == "intercept") zero_constraints(text) else text)
    scores <- score_table(fit)
    show_scores(sprintf("%s_SCORES_%d", prefix, step), scores)
    scores <- eligible(scores, freed, kind)
    best <- scores[which.max(scores$X2), ]
    if (nrow(best) == 0 || pchisq(best$X2, 1, lower.tail = FALSE) >= alpha) break
    freed <- c(freed, paste(best$lhs, best$op, best$rhs))
    freed <- sub("~1 $", "~ 1", freed)
    text <- syntax_of(level, c(fixed, freed))
    cat(sprintf("%s_STEP_%d = {\n        \"freed\": \"%s\",\n", prefix, step,
                tail(freed, 1)))
    refit <- fit_syntax(text)
    show_fit(refit, against)
    cat("}\n")
    p_diff <- as.data.frame(lavTestLRT(against, refit))[2, "Pr(>Chisq)"]
    if (!is.na(diff_alpha) && p_diff >= diff_alpha) break
  }
  invisible(freed)
}

configural <- fit_syntax(syntax_of("configural"))
metric <- fit_syntax(syntax_of("metric"))
cat("# Scalar level fails under Chen's rule; intercepts freed against metric\n")
search("SCALAR", "scalar", metric, "intercept")

cat("# Thresholds level: no threshold has a score test with p < 0.05; with the chi-square\n")
cat("# rule at alpha = 0.10 it fails, and thresholds are freed with score tests at 0.15\n")
thresholds <- search("THRESHOLDS", "thresholds", configural, "threshold", alpha = 0.15,
                     diff_alpha = 0.10)
cat("# metric and scalar with the freed thresholds, and the scalar search after them\n")
partial <- fit_syntax(syntax_of("thresholds", thresholds))
metric_partial <- fit_syntax(syntax_of("metric", thresholds))
cat("METRIC_AFTER_THRESHOLDS = {\n")
show_fit(metric_partial, partial)
cat("}\n")
cat("SCALAR_AFTER_THRESHOLDS = {\n")
show_fit(fit_syntax(syntax_of("scalar", thresholds)), metric_partial)
cat("}\n")
search("PARTIAL_SCALAR_AFTER_THRESHOLDS", "scalar", metric_partial, "intercept",
       fixed = thresholds, alpha = 0.15, diff_alpha = 0.10)

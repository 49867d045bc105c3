"""Conditional maximum likelihood of the Rasch model (the estimator of R's eRm)."""

from __future__ import annotations

import numpy as np

from techvet_survey.irt._mml import _safe_inverse


def _esf(eps: np.ndarray) -> np.ndarray:
    """Elementary symmetric functions gamma_0..gamma_J of each row of `eps` (rows x J)."""
    gamma = np.zeros((eps.shape[0], eps.shape[1] + 1))
    gamma[:, 0] = 1.0
    for j in range(eps.shape[1]):
        gamma[:, 1:] = gamma[:, 1:] + eps[:, j : j + 1] * gamma[:, :-1]
    return gamma


def _cml_terms(beta, groups):
    """Conditional log-likelihood, gradient and Hessian in the difficulties `beta`."""
    n_items = beta.size
    loglik, grad, hess = 0.0, np.zeros(n_items), np.zeros((n_items, n_items))
    eye = np.eye(n_items, dtype=bool)
    for mask, score_counts, item_totals in groups:
        eps = np.where(mask, np.exp(-beta), 0.0)
        # rows: all items, each item left out, each pair left out
        drop_one = np.where(eye, 0.0, eps)
        drop_two = (drop_one[:, None, :] * ~eye[None, :, :]).reshape(-1, n_items)
        gamma = _esf(eps[None, :])[0]
        gamma_1 = _esf(drop_one)
        gamma_2 = _esf(drop_two).reshape(n_items, n_items, -1)
        scores = np.arange(gamma.size)
        used = score_counts > 0
        r = scores[used]
        cnt = score_counts[used]
        loglik += -item_totals @ beta - cnt @ np.log(gamma[r])
        e1 = eps[:, None] * np.where(r > 0, gamma_1[:, np.maximum(r - 1, 0)], 0) / gamma[r]
        e2 = (
            np.outer(eps, eps)[:, :, None]
            * np.where(r > 1, gamma_2[:, :, np.maximum(r - 2, 0)], 0)
            / gamma[r]
        )
        e2[eye] = e1
        grad += -item_totals + e1 @ cnt
        cov = e2 - e1[:, None, :] * e1[None, :, :]
        hess -= cov @ cnt
    return loglik, grad, hess


def _fit_cml(values, max_iter, tol):
    """Rasch difficulties by conditional ML, normalised to sum zero (eRm's sum0=TRUE)."""
    observed = ~np.isnan(values)
    n_items = values.shape[1]
    groups = []
    for mask in np.unique(observed, axis=0):
        rows = (observed == mask).all(axis=1)
        block = np.nan_to_num(values[rows])
        score = block.sum(axis=1).astype(int)
        informative = (score > 0) & (score < mask.sum())
        counts = np.bincount(score[informative], minlength=n_items + 1).astype(float)
        groups.append((mask, counts, block[informative].sum(axis=0)))
    # free parameters: beta_1..beta_{J-1}; beta_J = -sum (sum-zero restriction)
    restrict = np.vstack([np.eye(n_items - 1), -np.ones((1, n_items - 1))])
    free = np.zeros(n_items - 1)
    converged, n_iter = False, 0
    while n_iter < max_iter:
        n_iter += 1
        _, grad, hess = _cml_terms(restrict @ free, groups)
        step = np.linalg.solve(restrict.T @ hess @ restrict, restrict.T @ grad)
        free = free - step
        if np.abs(step).max() < tol:
            converged = True
            break
    beta = restrict @ free
    loglik, _, hess = _cml_terms(beta, groups)
    cov = restrict @ _safe_inverse(-(restrict.T @ hess @ restrict)) @ restrict.T
    return beta, np.sqrt(np.diag(cov)), loglik, n_iter, converged

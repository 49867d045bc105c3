"""The standard bivariate normal distribution, vectorised (CDF by Owen's T function)."""

from __future__ import annotations

import numpy as np
from scipy import special


def bivariate_normal_cdf(h, k, rho) -> np.ndarray:
    """P(X <= h, Y <= k) for standard normals X, Y with correlation `rho`, elementwise.

    Owen's (1956) identity
    Phi2(h, k; rho) = [Phi(h) + Phi(k)] / 2 - T(h, a_h) - T(k, a_k) - beta,
    with a_h = (k - rho h) / (h sqrt(1 - rho^2)), a_k likewise, and beta = 1/2 when
    h k < 0 or (h k = 0 and h + k < 0), else 0. T is Owen's T function
    (``scipy.special.owens_t``), accurate to double precision over the whole range, so
    no quadrature is needed. Infinite bounds and h = k = 0 are handled exactly.
    """
    h, k, rho = np.broadcast_arrays(
        np.asarray(h, dtype=float), np.asarray(k, dtype=float), np.asarray(rho, dtype=float)
    )
    out = np.empty(h.shape)
    finite = np.isfinite(h) & np.isfinite(k)
    # An infinite bound reduces the probability to a univariate one (or to 0 / 1).
    low = (h == -np.inf) | (k == -np.inf)
    out[low] = 0.0
    h_inf = (h == np.inf) & ~low
    out[h_inf] = special.ndtr(k[h_inf])
    k_inf = (k == np.inf) & ~low & ~h_inf
    out[k_inf] = special.ndtr(h[k_inf])
    if not finite.any():
        return out
    hf, kf, rf = h[finite], k[finite], rho[finite]
    root = np.sqrt((1.0 - rf) * (1.0 + rf))
    with np.errstate(divide="ignore", invalid="ignore"):
        a_h = (kf - rf * hf) / (hf * root)
        a_k = (hf - rf * kf) / (kf * root)
    # T(0, a) = arctan(a) / (2 pi); with h = 0 the ratio is +-inf and T(0, +-inf) = +-1/4.
    a_h = np.where(hf == 0, np.copysign(np.inf, kf - rf * hf), a_h)
    a_k = np.where(kf == 0, np.copysign(np.inf, hf - rf * kf), a_k)
    product = hf * kf
    beta = np.where((product < 0) | ((product == 0) & (hf + kf < 0)), 0.5, 0.0)
    value = (
        0.5 * (special.ndtr(hf) + special.ndtr(kf))
        - special.owens_t(hf, a_h)
        - special.owens_t(kf, a_k)
        - beta
    )
    both_zero = (hf == 0) & (kf == 0)
    value = np.where(both_zero, 0.25 + np.arcsin(rf) / (2 * np.pi), value)
    out[finite] = np.clip(value, 0.0, 1.0)
    return out


def bivariate_normal_pdf(h, k, rho) -> np.ndarray:
    """Density of the standard bivariate normal with correlation `rho`; 0 at infinite bounds."""
    h, k, rho = np.broadcast_arrays(
        np.asarray(h, dtype=float), np.asarray(k, dtype=float), np.asarray(rho, dtype=float)
    )
    one_minus = (1.0 - rho) * (1.0 + rho)
    finite = np.isfinite(h) & np.isfinite(k)
    hf = np.where(finite, h, 0.0)
    kf = np.where(finite, k, 0.0)
    quad = (hf * hf - 2 * rho * hf * kf + kf * kf) / one_minus
    density = np.exp(-0.5 * quad) / (2 * np.pi * np.sqrt(one_minus))
    return np.where(finite, density, 0.0)

/**
 * The side-by-side comparison of the packaged apps: cold starts (also with an AOT cache), memory at the smallest heap,
 * and the report with the contract's results. Run by scripts/compare.sh, aot-cache.sh and footprint.sh; not a test.
 * Also the real-issuer check against Keycloak ({@link com.example.jwt.tools.RealIssuerCheck}, run by
 * scripts/keycloak-check.sh).
 */
package com.example.jwt.tools;

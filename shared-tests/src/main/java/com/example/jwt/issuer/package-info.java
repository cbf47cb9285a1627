/**
 * The mock issuer the contract runs against: it publishes a JWKS of its signing keys, mints tokens and fails on demand.
 * It also runs on its own, for trying an app by hand: {@code java -jar jwt-contract.jar issuer}.
 */
package com.example.jwt.issuer;

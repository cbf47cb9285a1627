/**
 * The mock issuer the contract runs against, the first layer: it publishes a JWKS of its signing keys, builds tokens
 * (valid and hostile) byte by byte, and fails on demand. It also runs on its own, for trying an app by hand:
 * {@code java -jar jwt-contract.jar issuer}.
 */
package com.example.jwt.issuer;

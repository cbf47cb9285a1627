/**
 * The contract itself: every requirement of CONTRACT.md as a {@link com.example.jwt.contract.Case} in
 * {@link com.example.jwt.contract.ContractCases}, the checks each answer must pass
 * ({@link com.example.jwt.contract.Expect}), and {@link com.example.jwt.contract.ContractSuite}, which an app's test
 * extends to run them all.
 */
package com.example.jwt.contract;

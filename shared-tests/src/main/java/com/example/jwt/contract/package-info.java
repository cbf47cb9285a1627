/**
 * The contract itself: every requirement of CONTRACT.md as literal {@link com.example.jwt.contract.Case}s, one file per
 * section ({@link com.example.jwt.contract.ContractCases} lists them), and the checks each answer must pass
 * ({@link com.example.jwt.contract.Expect}), each failure judged by its {@link com.example.jwt.contract.Consequence}.
 * It sits on the mock issuer ({@code issuer}); the runner and the JUnit glue sit on it.
 */
package com.example.jwt.contract;

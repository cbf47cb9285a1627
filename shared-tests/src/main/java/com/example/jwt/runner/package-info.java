/**
 * Runs the contract's cases against an app: {@link com.example.jwt.runner.ContractRunner}, shared by the JUnit suite
 * and the command line, the process launcher, {@link com.example.jwt.runner.ContractCli} (the command that checks any
 * service in any language: {@code java -jar jwt-contract.jar}), and the recorded results of documented defaults.
 */
package com.example.jwt.runner;

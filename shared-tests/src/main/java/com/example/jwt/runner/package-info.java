/**
 * Runs the contract's cases against an app: {@link com.example.jwt.runner.ContractRunner}, shared by the JUnit suite
 * and the command line, the launchers that start apps, and {@link com.example.jwt.runner.ContractCli}, the command that
 * checks any service in any language ({@code java -jar jwt-contract.jar}).
 */
package com.example.jwt.runner;

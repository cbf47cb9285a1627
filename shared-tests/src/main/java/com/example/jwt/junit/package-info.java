/**
 * The JUnit glue, the last layer: {@link com.example.jwt.junit.ContractSuite}, which an app's {@code ContractTest}
 * extends to run every case, and {@link com.example.jwt.junit.DocumentedDefaultSuite}, which records what a framework's
 * documented default gets wrong. Only this package needs JUnit; the command line runs without it.
 */
package com.example.jwt.junit;

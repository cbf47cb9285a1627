package com.example.jwt.contract;

import com.example.jwt.junit.ContractSuite;
import java.util.Map;
import java.util.Set;

/** The suite is passable: a plain-JDK app without mistakes passes every case. */
class NaiveAppContractTest extends ContractSuite {
    @Override
    protected String framework() {
        return "naive-jdk";
    }

    @Override
    protected RunningApp start(Map<String, String> env) throws Exception {
        NaiveApp app = new NaiveApp(env, Set.of());
        return RunningApp.onPort(app.port(), app::close);
    }
}

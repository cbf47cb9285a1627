package com.example.jwt.contract;

import com.example.jwt.contract.Case.Body;
import com.example.jwt.contract.Case.Setup;
import java.util.ArrayList;
import java.util.List;

/** The cases of one section of CONTRACT.md, as its file declares them. */
final class Cases {
    private final String group;
    private final List<Case> list = new ArrayList<>();

    Cases(String group) {
        this.group = group;
    }

    /** A case: its literal ID (requirement plus a number, never reused), what must be true, its app, its checks. */
    void add(String id, String title, Setup setup, Body body) {
        list.add(new Case(id, group, title, setup, body));
    }

    List<Case> list() {
        return List.copyOf(list);
    }
}

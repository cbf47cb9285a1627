package com.example.jwt.contract;

import static com.example.jwt.contract.Case.Setup.shared;
import static com.example.jwt.contract.Steps.now;

import com.example.jwt.issuer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Concurrency: CON-1 of CONTRACT.md. */
final class ConcurrencyCases {
    private ConcurrencyCases() {}

    static List<Case> cases() {
        Cases cases = new Cases("concurrency");
        cases.add("CON-1.1", "200 concurrent mixed requests each get the right answer", shared(), t -> {
            List<String> kinds = List.of("RS256", "ES256", "EdDSA", "expired", "tampered", "none", "missing");
            List<CompletableFuture<Answer>> answers = new ArrayList<>();
            List<Token> tokens = new ArrayList<>();
            List<String> compacts = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String kind = kinds.get(i % kinds.size());
                Token tok = switch (kind) {
                    case "expired" -> t.issuer.token("EdDSA").expiringAt(now() - 600);
                    case "tampered", "missing" -> t.issuer.token("RS256");
                    case "none" -> t.issuer.token("RS256").header("alg", "none");
                    default -> t.issuer.token(kind);
                };
                String c = switch (kind) {
                    case "tampered" -> {
                        String ok = tok.compact();
                        yield ok.substring(0, ok.length() - 6) + (ok.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");
                    }
                    case "none" -> tok.encodedHeader() + "." + tok.encodedPayload() + ".";
                    default -> tok.compact();
                };
                tokens.add(tok);
                compacts.add(c);
                answers.add(
                        kind.equals("missing")
                                ? t.http.send(t.uri("/protected"))
                                : t.http.send(t.uri("/protected"), "Authorization", "Bearer " + c));
            }
            for (int i = 0; i < answers.size(); i++) {
                String kind = kinds.get(i % kinds.size());
                Answer a = Http.join(answers.get(i));
                Token tok = tokens.get(i);
                String c = compacts.get(i);
                Findings.within("CON-1", "request " + i + " (" + kind + ") under load", () -> {
                    switch (kind) {
                        case "RS256", "ES256", "EdDSA" -> Expect.accepted(a, tok);
                        case "missing" -> Expect.noCredentials(a);
                        default -> Expect.invalidToken(a, tok, c);
                    }
                });
            }
        });
        return cases.list();
    }
}

package dev.notely.api.rest;

import dev.notely.api.Verification;
import dev.notely.api.json.VerificationJson;
import io.undertow.server.HttpServerExchange;

/** {@code GET /verify}: runs a verification of the note stores (or joins the one running) and answers its report. */
final class VerifyHandler {

    private final Verification verification;

    VerifyHandler(Verification verification) {
        this.verification = verification;
    }

    void verify(HttpServerExchange exchange) {
        Exchanges.json(exchange, 200, VerificationJson.toJson(verification.verify()));
    }
}

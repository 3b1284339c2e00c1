package io.laurel.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.quarkus.vertx.http.HttpServer;

/** This instance's own base URL, from the port it actually listens on (it may have asked for a free one). */
@ApplicationScoped
public class InternalBase {

    private final Instance<HttpServer> server;

    InternalBase(Instance<HttpServer> server) {
        this.server = server;
    }

    String url() {
        return "http://127.0.0.1:" + server.get().getPort();
    }
}

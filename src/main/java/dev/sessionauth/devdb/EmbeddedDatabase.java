package dev.sessionauth.devdb;

import java.util.Map;

/** Starts a local PostgreSQL for dev or test mode and answers the datasource properties that reach it. */
public interface EmbeddedDatabase {

    /**
     * @param purpose dev or test, naming the server's folder under target/embedded-postgresql
     * @param throwaway whether the data is wiped at start and at exit (tests) or kept across runs (dev mode)
     */
    Map<String, String> start(String purpose, boolean throwaway);
}

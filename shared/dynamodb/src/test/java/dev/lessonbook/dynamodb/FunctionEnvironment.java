package dev.lessonbook.dynamodb;

import dev.lessonbook.emulators.LocalServers;

/**
 * Points functions at the local servers the way the local runtime and Lambda configure them:
 * through the settings {@link dev.lessonbook.config.Env} reads (system properties here). Call it
 * before the handler class is initialised, since handlers build their clients once, in static init.
 */
public final class FunctionEnvironment {
    private FunctionEnvironment() {}

    /** A fresh table, and every function setting pointing at it and at the emulators. */
    public static Tables prepare(LocalServers.Endpoints endpoints) {
        Tables tables = TestTable.create(endpoints);
        System.setProperty("AWS_ENDPOINT_URL", endpoints.aws().toString());
        System.setProperty("AWS_REGION", endpoints.region());
        System.setProperty("AWS_ACCESS_KEY_ID", LocalServers.ACCESS_KEY);
        System.setProperty("AWS_SECRET_ACCESS_KEY", LocalServers.SECRET_KEY);
        System.setProperty("STRIPE_API_BASE", endpoints.stripe().toString());
        System.setProperty("TABLE_NAME", tables.tableName());
        return tables;
    }
}

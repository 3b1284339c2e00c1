package io.laurel.common;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Drops the embedded store's ERROR line for a command that failed in the ordinary way (a duplicate key of a racing
 * upsert, a unique name): the same failure is answered to the driver, and Laurel maps or logs it there. Each line
 * also held the whole command. The store's "Unknown error!" lines, its real faults, still pass.
 */
@LoggingFilter(name = "store-command-failures")
public final class StoreLogFilter implements Filter {

    static final String STORE_LOGGER = "de.bwaldvogel.mongo.wire.MongoWireProtocolHandler";

    @Override
    public boolean isLoggable(LogRecord record) {
        return !(STORE_LOGGER.equals(record.getLoggerName())
                && record.getMessage() != null && record.getMessage().startsWith("failed to handle"));
    }
}

package org.myoline.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpClosedException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * A client that hangs up mid-request (a load balancer's timeout, a closed browser tab) is not a server error: it
 * is logged at DEBUG and counted ({@code myoline_http_client_disconnects_total}), so an alert on ERROR does not
 * fire for it.
 */
@Singleton
public class ClientDisconnects {

    private static final Logger LOG = Logger.getLogger(ClientDisconnects.class);

    private final Counter counter;

    ClientDisconnects(MeterRegistry registry) {
        this.counter = Counter.builder("myoline.http.client.disconnects")
                .description("Requests whose client closed the connection before the exchange ended").register(registry);
    }

    /** Whether the failure is the connection closing under the request. */
    public static boolean isDisconnect(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpClosedException || t instanceof ClosedChannelException) {
                return true;
            }
            if (t instanceof IOException && t.getMessage() != null) {
                String message = t.getMessage().toLowerCase(Locale.ROOT);
                if (message.contains("connection reset") || message.contains("broken pipe")
                        || message.contains("connection was closed")) {
                    return true;
                }
            }
        }
        return false;
    }

    public void record(Throwable e) {
        counter.increment();
        LOG.debugf("client disconnected: %s", e.toString());
    }

    public double count() {
        return counter.count();
    }
}

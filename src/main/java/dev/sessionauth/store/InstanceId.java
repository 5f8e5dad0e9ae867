package dev.sessionauth.store;

import java.net.InetAddress;
import java.net.UnknownHostException;

import jakarta.enterprise.context.ApplicationScoped;

import dev.sessionauth.config.SessionAuthConfig;

/** Names this process in the job leases and their log lines: INSTANCE_ID, or the host name and process id. */
@ApplicationScoped
public class InstanceId {

    private final String value;

    public InstanceId(SessionAuthConfig config) {
        this.value = config.instanceId().filter(id -> !id.isBlank())
                .orElseGet(() -> hostName() + "-" + ProcessHandle.current().pid());
    }

    public String value() {
        return value;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            // Only a name for the logs: a host that cannot resolve itself still runs its jobs.
            return "unknown-host";
        }
    }
}

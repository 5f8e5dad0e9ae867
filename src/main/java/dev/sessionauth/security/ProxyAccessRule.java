package dev.sessionauth.security;

import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.core.MultivaluedMap;

/**
 * What verify's query asks of the caller on top of being authenticated: {@code group} names, of which the caller
 * must belong to at least one, and {@code role} names, of which the caller must have one. Each kind is checked only
 * when given; when both are, both must hold. A name that matches nothing (an unknown group, a misspelt role) can
 * never be satisfied, so it refuses everybody.
 */
public record ProxyAccessRule(List<String> groups, List<String> roles) {

    public ProxyAccessRule {
        groups = groups == null ? List.of() : List.copyOf(groups);
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    /**
     * The rule of verify's query, read raw: an empty {@code group=} (a proxy variable left unset) is then a name no
     * group has, never a missing rule that would admit everybody.
     */
    public static ProxyAccessRule of(MultivaluedMap<String, String> query) {
        return new ProxyAccessRule(query.get("group"), query.get("role"));
    }

    /**
     * @return the caller, who meets the rule
     * @throws AccessDeniedException when the caller does not meet the rule
     */
    public Caller admit(Caller caller) {
        boolean groupsMet = groups.isEmpty() || caller.inAnyGroup(groups);
        boolean roleMet = roles.isEmpty() || roles.contains(caller.role().name().toLowerCase(Locale.ROOT));
        if (!groupsMet || !roleMet) {
            throw new AccessDeniedException();
        }
        return caller;
    }
}

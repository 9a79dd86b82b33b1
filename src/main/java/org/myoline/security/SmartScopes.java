package org.myoline.security;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.myoline.api.Roles;

/**
 * The roles a token may use, from its {@code groups} (roles) and its SMART App Launch {@code scope} claim.
 * <ul>
 * <li>Only clinical scopes on every resource type count ({@code patient/*.rs}, {@code user/*.cruds},
 * {@code system/*.rs}, and the v1 forms {@code patient/*.read}, {@code user/*.write}, {@code user/*.*}): Myoline's
 * views are derived from all of a patient's resources, so a scope on one type grants nothing. Other scopes
 * ({@code openid}, {@code launch}, {@code fhirUser}, …) are ignored.</li>
 * <li>Reading needs {@code r} (v2) or {@code read}/{@code *} (v1); writing needs all of {@code c}, {@code u} and
 * {@code d} (v2) or {@code write}/{@code *} (v1), because one Myoline write may create, update or delete.</li>
 * <li>{@code patient/} and {@code user/} scopes give {@code viewer} (read) or {@code clinician} (read and write);
 * {@code system/} scopes give {@code viewer} (read) or {@code integration} (read, write and bulk).</li>
 * <li>A token without roles gets what its scopes allow. With roles and no scope claim, the roles stand. With
 * both, the scopes narrow the roles and never widen them: a clinician whose token reads only is a viewer, an
 * integration whose token reads only is a viewer, an auditor stays an auditor only.</li>
 * <li>{@code auditor} is not a clinical permission, so scopes neither give nor remove it.</li>
 * <li>A token with neither a role nor a clinical scope has no role at all: every operation answers 403.</li>
 * </ul>
 * Pure: strings in, roles out (table-tested in SmartScopesTest).
 */
public final class SmartScopes {

    private static final Pattern SCOPE = Pattern.compile("(patient|user|system)/\\*\\.(read|write|\\*|[cruds]{1,5})");

    private SmartScopes() {
    }

    /** What a set of scopes allows, per context. */
    record Grant(boolean userRead, boolean userWrite, boolean systemRead, boolean systemWrite) {
    }

    static Grant grant(String scopeClaim) {
        boolean userRead = false, userWrite = false, systemRead = false, systemWrite = false;
        for (String scope : scopeClaim.trim().split("\\s+")) {
            Matcher m = SCOPE.matcher(scope);
            if (!m.matches()) {
                continue;
            }
            String p = m.group(2);
            boolean read = p.equals("read") || p.equals("*") || (v2(p) && p.indexOf('r') >= 0);
            boolean write = p.equals("write") || p.equals("*")
                    || (v2(p) && p.indexOf('c') >= 0 && p.indexOf('u') >= 0 && p.indexOf('d') >= 0);
            if (m.group(1).equals("system")) {
                systemRead |= read;
                systemWrite |= write;
            } else {
                userRead |= read;
                userWrite |= write;
            }
        }
        return new Grant(userRead, userWrite, systemRead, systemWrite);
    }

    /** SMART v2 permissions: letters of "cruds", each at most once, in that order. */
    private static boolean v2(String p) {
        if (p.equals("read") || p.equals("write") || p.equals("*")) {
            return false;
        }
        int last = -1;
        for (char c : p.toCharArray()) {
            int at = "cruds".indexOf(c);
            if (at <= last) {
                return false;
            }
            last = at;
        }
        return true;
    }

    /**
     * The effective roles of a token.
     *
     * @param groups     the roles of its {@code groups} claim (possibly empty)
     * @param scopeClaim its {@code scope} claim, or null when it has none
     */
    public static Set<String> effectiveRoles(Collection<String> groups, String scopeClaim) {
        Set<String> roles = new TreeSet<>();
        if (groups.contains(Roles.AUDITOR)) {
            roles.add(Roles.AUDITOR);
        }
        if (scopeClaim == null) {
            groups.stream().filter(SmartScopes::known).forEach(roles::add);
            return roles;
        }
        Grant g = grant(scopeClaim);
        boolean read = g.userRead() || g.systemRead();
        if (groups.isEmpty()) {
            if (g.systemRead() && g.systemWrite()) {
                roles.add(Roles.INTEGRATION);
            } else if (g.userRead() && g.userWrite()) {
                roles.add(Roles.CLINICIAN);
            } else if (read) {
                roles.add(Roles.VIEWER);
            }
            return roles;
        }
        if (groups.contains(Roles.INTEGRATION) && g.systemRead() && g.systemWrite()) {
            roles.add(Roles.INTEGRATION);
        }
        if (groups.contains(Roles.CLINICIAN) && g.userRead() && g.userWrite()) {
            roles.add(Roles.CLINICIAN);
        }
        boolean clinical = groups.stream().anyMatch(SmartScopes::known);
        if (clinical && read && roles.stream().noneMatch(r -> r.equals(Roles.INTEGRATION) || r.equals(Roles.CLINICIAN))) {
            roles.add(Roles.VIEWER);
        }
        return roles;
    }

    private static boolean known(String role) {
        return role.equals(Roles.CLINICIAN) || role.equals(Roles.VIEWER) || role.equals(Roles.INTEGRATION);
    }
}

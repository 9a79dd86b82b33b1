package org.myoline.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.myoline.api.Roles;

/** The role a token ends up with, from its groups and its SMART scopes. */
class SmartScopesTest {

    @ParameterizedTest(name = "groups [{0}] scope \"{1}\" -> [{2}]")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            // roles alone stand
            "clinician          | NULL                               | clinician",
            "viewer             | NULL                               | viewer",
            "integration,auditor| NULL                               | auditor,integration",
            "nurse              | NULL                               | ''",
            "''                 | NULL                               | ''",
            // scopes alone grant (v2 and v1)
            "''                 | patient/*.rs                       | viewer",
            "''                 | patient/*.read                     | viewer",
            "''                 | user/*.cruds                       | clinician",
            "''                 | user/*.*                           | clinician",
            "''                 | openid fhirUser user/*.read user/*.write | clinician",
            "''                 | system/*.rs                        | viewer",
            "''                 | system/*.cruds                     | integration",
            "''                 | system/*.read system/*.write       | integration",
            // partial writes grant no write; search alone grants no read; resource-specific scopes grant nothing
            "''                 | user/*.cru                         | viewer",
            "''                 | user/*.cu                          | ''",
            "''                 | patient/*.s                        | ''",
            "''                 | patient/Observation.rs             | ''",
            "''                 | user/*.srd                         | ''",
            "''                 | openid launch                      | ''",
            // scopes narrow roles, never widen them
            "clinician          | patient/*.rs                       | viewer",
            "viewer             | user/*.cruds                       | viewer",
            "integration        | system/*.rs                        | viewer",
            "integration        | user/*.cruds                       | viewer",
            "clinician          | system/*.cruds                     | viewer",
            "clinician          | openid                             | ''",
            "viewer             | patient/Patient.read               | ''",
            "clinician          | user/*.cruds                       | clinician",
            // the auditor role is not a clinical permission: scopes neither give nor remove it
            "auditor            | patient/*.rs                       | auditor",
            "nurse              | user/*.cruds                       | ''",
            "auditor            | openid                             | auditor",
            "''                 | auditor/*.read                     | ''"})
    void effectiveRoles(String groups, String scope, String expected) {
        Set<String> given = groups.isBlank() ? Set.of() : Set.of(groups.trim().split(","));
        Set<String> want = expected.isBlank() ? Set.of() : new TreeSet<>(Arrays.asList(expected.trim().split(",")));
        assertEquals(want, SmartScopes.effectiveRoles(given, scope == null ? null : scope.trim()));
    }

    private static final List<String> SCOPES = List.of("patient/*.rs", "patient/*.read", "user/*.cruds", "user/*.*",
            "user/*.write", "system/*.rs", "system/*.cruds", "system/*.*", "openid", "launch", "patient/Observation.rs",
            "user/*.cud", "patient/*.r", "fhirUser");

    @Provide
    Arbitrary<Set<String>> groups() {
        return Arbitraries.of(Roles.CLINICIAN, Roles.VIEWER, Roles.INTEGRATION, Roles.AUDITOR, "nurse").set().ofMinSize(1);
    }

    @Provide
    Arbitrary<String> scopes() {
        return Arbitraries.of(SCOPES).list().ofMaxSize(5).map(l -> String.join(" ", l));
    }

    /** With roles, a scope claim never adds a clinical permission the roles did not have. */
    @Property(tries = 500)
    void scopesNeverWidenRoles(@ForAll("groups") Set<String> groups, @ForAll("scopes") String scope) {
        Set<String> roles = SmartScopes.effectiveRoles(groups, scope);
        int before = rank(groups);
        int after = rank(roles);
        assertTrue(after <= before, groups + " with '" + scope + "' became " + roles);
        assertTrue(!roles.contains(Roles.AUDITOR) || groups.contains(Roles.AUDITOR), "auditor comes only from roles");
    }

    /** 0 nothing, 1 read, 2 read and write, 3 read, write and bulk. */
    private static int rank(Set<String> roles) {
        return roles.contains(Roles.INTEGRATION) ? 3 : roles.contains(Roles.CLINICIAN) ? 2 : roles.contains(Roles.VIEWER) ? 1 : 0;
    }
}

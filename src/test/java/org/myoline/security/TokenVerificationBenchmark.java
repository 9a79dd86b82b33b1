package org.myoline.security;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What a request spends on its bearer token: full verification (RS256 signature, issuer, expiry, claims parse)
 * against a hit in TokenPrincipalFactory's cache. bench/README.md ("Bearer-token verification") has the command.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TokenVerificationBenchmark {

    private JWTAuthContextInfo context;
    private String token;
    private final DefaultJWTCallerPrincipalFactory full = new DefaultJWTCallerPrincipalFactory();
    private final TokenPrincipalFactory cached = new TokenPrincipalFactory();

    @Setup
    public void setUp() throws Exception {
        context = new JWTAuthContextInfo(KeyUtils.readPublicKey("/dev-keys/publicKey.pem"), TestTokens.ISSUER);
        token = Jwt.issuer(TestTokens.ISSUER).subject("bench").groups(Set.of("integration")).expiresIn(3600)
                .sign(KeyUtils.readPrivateKey("/dev-keys/privateKey.pem"));
        cached.configure(10_000, Duration.ofSeconds(60));
    }

    @Benchmark
    public JWTCallerPrincipal fullVerification() throws ParseException {
        return full.parse(token, context);
    }

    @Benchmark
    public JWTCallerPrincipal cachedVerification() throws ParseException {
        return cached.parse(token, context);
    }
}

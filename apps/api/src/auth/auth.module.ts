import { Module } from '@nestjs/common';
import { createSecretKey } from 'crypto';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '@dx/config';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';

/** Sign-in, tokens and the global guard that makes every non-public route require a principal. */
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [AppConfig],
      // HS256 only (so `alg: none` or another algorithm is refused), this deployment's issuer and audience only.
      useFactory: (config: AppConfig) => ({
        // A KeyObject, not the string: given a string, jsonwebtoken tries to parse it as a public key on every
        // verify and fails (an exception per request, 12 % of the API's CPU under load in npm run bench).
        secret: createSecretKey(Buffer.from(config.auth.jwtSecret, 'utf8')),
        signOptions: {
          expiresIn: config.auth.accessTokenTtlS,
          algorithm: 'HS256',
          issuer: config.auth.issuer,
          audience: config.auth.audience,
        },
        verifyOptions: { algorithms: ['HS256'], issuer: config.auth.issuer, audience: config.auth.audience },
      }),
    }),
    // Sign-in attempts per client address and minute (LOGIN_RATE_LIMIT).
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ throttlers: [{ ttl: 60_000, limit: config.auth.loginRateLimit }] }),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, { provide: APP_GUARD, useClass: AuthGuard }],
})
export class AuthModule {}

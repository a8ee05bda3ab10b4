import type { Role } from './access-policy';

/** An account as the API shows it: the signed-in `user` and `GET /api/v1/auth/me`. */
export interface PublicAccount {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  orgUnit: string | null;
  province: string | null;
}

/** `POST /api/v1/auth/login` and `/refresh`: the tokens and who they are for. */
export interface TokenPair {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshToken: string;
  user: PublicAccount;
}

/** `GET /api/v1/auth/demo`: the demo accounts a sign-in page may offer (none unless demo data was loaded). */
export interface DemoAccounts {
  demo: boolean;
  accounts: { username: string; role: Role; displayName: string }[];
}

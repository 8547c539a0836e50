import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'switchyard:public';

/** Reachable without signing in. Everything else requires a valid access token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type LedgerSigner, LedgerVerifier } from '@ledger/audit';
import { Requires } from '../../auth/permissions';
import { LEDGER_SIGNER } from './signing-key.provider';
import { toVerificationJson } from './verification-json';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('verification')
export class VerifyLedgerController {
  constructor(
    private readonly verifier: LedgerVerifier,
    @Inject(LEDGER_SIGNER) private readonly signer: LedgerSigner,
  ) {}

  /**
   * Verifies the whole ledger now, in one pass: every hash, every stream's chain, global order and every
   * signed checkpoint. 200 whenever the verification ran: `ok: false` with `firstBreak` means the LEDGER
   * did not verify, not that the request failed.
   */
  @Requires('audit:verify')
  @Get()
  @ApiOkResponse({ description: 'ok, counts, the latest checkpoint and the first broken link (if any)' })
  async verify(): Promise<Record<string, unknown>> {
    const result = await this.verifier.verifyLedger();
    return toVerificationJson({
      ...result,
      signingKeyFingerprint: this.signer.fingerprint,
      latestCheckpointSignedByThisServer: result.latestCheckpoint?.keyFingerprint === this.signer.fingerprint,
    });
  }
}

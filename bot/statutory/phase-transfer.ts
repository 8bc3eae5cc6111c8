/**
 * Phase transfer deadlines (SEND-RULES R16).
 *
 * When a child or young person will move between phases of education within 12 months, the
 * council must review the plan and amend it where necessary, naming the next school, college or
 * type of institution, by a fixed date (Regs 2014 reg 18; "transfer between phases of education"
 * is defined in reg 2(1)). There is no holiday exemption (SEND-RULES T6) and no working-day
 * adjustment: the dates are fixed calendar dates.
 */
import { z } from 'zod';
import { StatutoryInputError, describeValue } from './errors';
import { addMonthsToCivil, civilToIso, toCivil } from './iso-date';
import type { IsoDate } from './iso-date';

/** School moves with the 15 February deadline (Regs 2014 reg 2(1) and reg 18). */
export const SCHOOL_PHASE_TRANSFER_KINDS = ['earlyYearsToSchool', 'infantToJunior', 'primaryToMiddle', 'primaryToSecondary', 'middleToSecondary'] as const;

/** Every kind of phase transfer with a reg 18 deadline. */
export const PHASE_TRANSFER_KINDS = [...SCHOOL_PHASE_TRANSFER_KINDS, 'secondaryToPost16', 'post16ToPost16'] as const;

export type SchoolPhaseTransferKind = (typeof SCHOOL_PHASE_TRANSFER_KINDS)[number];
export type PhaseTransferKind = (typeof PHASE_TRANSFER_KINDS)[number];
/** Kinds whose deadline depends only on the calendar year of transfer. */
export type FixedDatePhaseTransferKind = Exclude<PhaseTransferKind, 'post16ToPost16'>;

/** Zod schema for a phase transfer kind, for records and dialogs. */
export const PhaseTransferKindSchema = z.enum(PHASE_TRANSFER_KINDS);

/**
 * The date by which the review and any amendments must be completed for a phase transfer
 * (Regs 2014 reg 18):
 * - early years → school, infant → junior, primary → middle, primary → secondary, middle → secondary:
 *   15 February of the calendar year of transfer;
 * - secondary school → post-16 institution: 31 March of the calendar year of transfer;
 * - one post-16 institution → another, at any time: at least 5 months before the move, i.e. the
 *   move date minus 5 calendar months, clamped to the end of a shorter month so the period is never
 *   shorter than 5 months. This kind needs the move date, not a year.
 *
 * @param transfer the calendar year of transfer (e.g. 2027 for a move in September 2027) or the
 *   date of the move (`YYYY-MM-DD`).
 */
export function phaseTransferDeadline(transferYear: number, kind: FixedDatePhaseTransferKind): IsoDate;
export function phaseTransferDeadline(moveDate: IsoDate, kind: PhaseTransferKind): IsoDate;
export function phaseTransferDeadline(transfer: number | IsoDate, kind: PhaseTransferKind): IsoDate {
  const fn = 'phaseTransferDeadline';
  const parsedKind = PhaseTransferKindSchema.safeParse(kind);
  if (!parsedKind.success) {
    throw new StatutoryInputError(`${fn}(): kind ${describeValue(kind)} is not one of ${PHASE_TRANSFER_KINDS.join(', ')}`);
  }
  let year: number;
  if (typeof transfer === 'number') {
    if (!Number.isInteger(transfer) || transfer < 1 || transfer > 9999) {
      throw new StatutoryInputError(`${fn}(): transferYear ${describeValue(transfer)} is not a calendar year`);
    }
    if (parsedKind.data === 'post16ToPost16') {
      throw new StatutoryInputError(`${fn}(): a post16ToPost16 transfer needs the move date (YYYY-MM-DD), not a year`);
    }
    year = transfer;
  } else {
    const move = toCivil(transfer, fn, 'moveDate');
    if (parsedKind.data === 'post16ToPost16') return civilToIso(addMonthsToCivil(move, -5), fn);
    year = move.year;
  }
  const deadline = parsedKind.data === 'secondaryToPost16' ? { year, month: 3, day: 31 } : { year, month: 2, day: 15 };
  return civilToIso(deadline, fn);
}

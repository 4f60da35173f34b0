// The spec's SUBSCRIPTION_PLANS: limits and prices (UGX, no minor unit). -1 means unlimited.
import type { SUBSCRIPTION_PLANS } from './enums.ts';

export type Plan = (typeof SUBSCRIPTION_PLANS)[number];

export const PLAN_LIMITS: Record<
  Plan,
  { durationDays: number; maxUsers: number; maxProducts: number; maxMonthlySales: number; price: number }
> = {
  trial: { durationDays: 14, maxUsers: 2, maxProducts: 50, maxMonthlySales: 100, price: 0 },
  starter: { durationDays: 30, maxUsers: 5, maxProducts: 500, maxMonthlySales: 1_000, price: 50_000 },
  professional: {
    durationDays: 30,
    maxUsers: 20,
    maxProducts: 5_000,
    maxMonthlySales: 10_000,
    price: 150_000,
  },
  enterprise: { durationDays: 30, maxUsers: -1, maxProducts: -1, maxMonthlySales: -1, price: 500_000 },
};

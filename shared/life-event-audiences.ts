// Whom a life event (一件事) is for. Apart from life-events.ts, whose schemas need zod: the home page
// groups its life events by audience, and a phone should not download and run the validation
// library for that. life-events.ts re-exports these.
export const LIFE_EVENT_AUDIENCES = ['PERSON', 'ENTERPRISE'] as const
export type LifeEventAudience = (typeof LIFE_EVENT_AUDIENCES)[number]

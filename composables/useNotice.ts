// The answer a back-office page gives to what the user just did. The box it is shown in has
// role=alert and takes the focus, so screen readers announce it and keyboard users land on it.
import type { ComponentPublicInstance } from 'vue'

export function useNotice() {
  const notice = ref('')
  const error = ref('')
  /** the AdminNotice that shows it: `<AdminNotice ref="box" ...>` */
  const box = ref<ComponentPublicInstance | null>(null)
  async function announce(text: { notice?: string; error?: string }) {
    notice.value = text.notice ?? ''
    error.value = text.error ?? ''
    await nextTick()
    const element: HTMLElement | undefined = box.value?.$el
    element?.focus()
  }
  return { notice, error, box, announce }
}

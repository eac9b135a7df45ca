import { openApiDocument } from '../services/open-data/openapi'

export default defineEventHandler(() => openApiDocument())

import { describe, expect, it } from 'vitest'
import { departmentCode, ImportFileError, parseSourceFile } from '../../prisma/seed/source-file'
import { parseDictionary } from '../../prisma/seed/dictionary-file'

const record = {
  department: '区公安分局', group: null, name: '普通护照签发', itemCode: '511A0116400001-511602000000-000-1-00',
  typeCode: '01', type: '行政许可', areaCode: '511602000000', deptCode: '1151130000877869M', sourceUrl: 'http://www.sczwfw.gov.cn/x',
}

describe('the item file', () => {
  it('maps type codes to the catalogue', () => {
    expect(parseSourceFile(JSON.stringify([record, { ...record, itemCode: 'B-1', typeCode: '20', type: '公共服务' }])).records.map((r) => r.typeKey))
      .toEqual(['LICENSING', 'PUBLIC_SERVICE'])
  })

  it('names the record and field of every error', () => {
    const text = JSON.stringify([record, { ...record, itemCode: 'X 1', areaCode: '51' }, { ...record, itemCode: 'C-1', type: '行政处罚' }])
    const error = (() => { try { parseSourceFile(text); return null } catch (e) { return e as ImportFileError } })()
    expect(error).toBeInstanceOf(ImportFileError)
    expect(error!.problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^record 2, field itemCode/),
      expect.stringMatching(/^record 2, field areaCode/),
      expect.stringMatching(/^record 3, field type: "行政处罚" does not match type code 01/),
    ]))
  })

  it('refuses what is not an array of records', () => {
    expect(() => parseSourceFile('{"a":1}')).toThrow(/JSON array/)
    expect(() => parseSourceFile('[]')).toThrow(/no records/)
    expect(() => parseSourceFile('not json')).toThrow(/not valid JSON/)
    expect(() => parseSourceFile('[1]')).toThrow(/record 1, field \(record\)/)
  })

  it('picks the unified credit code of a department over its variants', () => {
    expect(departmentCode(['1151130108778239R_5143', '1151130108778239R', '1151130108778239R'])).toBe('1151130108778239R')
    expect(departmentCode(['11736', '11511301008778386B'])).toBe('11511301008778386B')
    expect(departmentCode(['083372204'])).toBe('083372204')
  })
})

describe('the dictionary file', () => {
  it('refuses repeated terms and empty targets', () => {
    expect(() => parseDictionary(JSON.stringify({ stopWords: [], entries: [{ term: '低保', targets: ['最低生活保障'], kind: 'COLLOQUIAL' }, { term: '低保', targets: ['x'], kind: 'COLLOQUIAL' }] }))).toThrow(/repeats/)
    expect(() => parseDictionary(JSON.stringify({ stopWords: [], entries: [{ term: '低保', targets: [], kind: 'COLLOQUIAL' }] }))).toThrow(/malformed/)
  })
})
